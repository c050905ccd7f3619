"""PDF export of a 5,000-card map in mixed scripts against the same map in Latin.

The mixed map is the benchmark's generated map (`bench/generate.py`) with
every card title rewritten in one of eleven scripts (Arabic, Hebrew, mixed
Arabic/English, Devanagari, Thai, Chinese, Japanese, Korean, Greek,
Cyrillic, emoji), 3 to 8 words drawn at random, so titles rarely repeat and
the shaping caches help no more than on a real map.  Each export runs in a
fresh process.  Target (issue 14): mixed within 2x of Latin.

    .venv/bin/python bench/scripts_pdf.py [--cards 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

WORDS = {
    "ar": (" ", "العميل خدمة الهاتف طلب الدفع الحساب التطبيق الموقع ينتظر يتصل يقرأ الفاتورة"),
    "he": (" ", "הלקוח שירות טלפון הזמנה תשלום חשבון אפליקציה אתר מחכה מתקשר קורא חשבונית"),
    "mx": (" ", "العميل يفتح تطبيق iPhone الجديد email الفاتورة PDF الدفع online الحساب"),
    "hi": (" ", "ग्राहक सहायता केंद्र संपर्क करता है भुगतान खाता आवेदन फॉर्म प्रतीक्षा"),
    "th": ("", "ลูกค้า โทร หา ศูนย์ บริการ เพื่อ สอบถาม ข้อมูล ชำระ เงิน บัญชี"),
    "zh": ("", "客户 电话 联系 客服 中心 询问 订单 状态 支付 账户 申请 等待"),
    "ja": ("", "お客様 コール センター 電話 注文 状況 確認 支払い 口座 申請 待つ"),
    "ko": (" ", "고객이 고객센터에 전화하여 주문 상태를 확인합니다 결제 계좌 신청 대기"),
    "el": (" ", "Ο πελάτης καλεί το κέντρο εξυπηρέτησης πληρωμή λογαριασμός αίτηση"),
    "ru": (" ", "Клиент звонит в службу поддержки оплата счёт заявка ожидание письмо"),
    "em": (" ", "Customer 😀 waits 👍 for 🎉 the ⭐ refund 📦 delivery ✅"),
}


def mixed(journey, seed: int = 11):
    """``journey`` with every title rewritten in one of the scripts."""
    rnd = random.Random(seed)
    keys = sorted(WORDS)
    for i, card in enumerate(journey.cards):
        sep, words = WORDS[keys[i % len(keys)]]
        card.title = sep.join(rnd.choice(words.split()) for _ in range(rnd.randint(3, 8)))
    return journey


def export_once(path: str, out: str) -> float:
    """Seconds for one ``journeymap export`` of ``path`` in a fresh process."""
    code = ("import sys,time; from app.model.fileformat import load; "
            "from app.export.exporter import export_map; j=load(sys.argv[1]); "
            "t=time.perf_counter(); export_map(j, sys.argv[2]); "
            "print(time.perf_counter()-t)")
    done = subprocess.run([sys.executable, "-c", code, path, out], capture_output=True,
                          text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print the median (min) export time of both maps and their ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from app.model import fileformat
    from bench.generate import build

    with tempfile.TemporaryDirectory() as folder:
        latin = os.path.join(folder, "latin.journey")
        scripts = os.path.join(folder, "scripts.journey")
        fileformat.save(build(args.cards), latin)
        fileformat.save(mixed(build(args.cards)), scripts)
        times: dict[str, list[float]] = {"latin": [], "scripts": []}
        for _ in range(args.runs):  # interleaved: load on the machine hits both alike
            for name, path in (("latin", latin), ("scripts", scripts)):
                times[name].append(export_once(path, os.path.join(folder, name + ".pdf")))
        sizes = {n: os.path.getsize(os.path.join(folder, n + ".pdf")) / 1e6 for n in times}
    med = {n: statistics.median(t) for n, t in times.items()}
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {args.cards:,} cards, {args.runs} runs, "
          f"load {os.getloadavg()[0]:.1f}")
    for n, t in times.items():
        print(f"PDF export, {n:7}: {med[n]:.2f} s (min {min(t):.2f} s), {sizes[n]:.2f} MB")
    ratio = med["scripts"] / med["latin"]
    print(f"mixed scripts / Latin: {ratio:.2f}x (target <= 2x): "
          f"{'PASS' if ratio <= 2 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
