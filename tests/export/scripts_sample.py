"""A map with one card title per script, for the text-in-every-script tests."""

from app.model import edits
from app.model.journey import Card, Journey, Lane, Stage

#: Script name -> a card title written in it (logical order).
TITLES = {
    "arabic": "خدمة العملاء عبر الهاتف تستغرق وقتا طويلا",
    "hebrew": "הלקוח מתקשר למוקד השירות",
    "mixed": "العميل يفتح تطبيق iPhone الجديد",
    "devanagari": "ग्राहक सहायता केंद्र से संपर्क करता है",
    "thai": "ลูกค้าโทรหาศูนย์บริการเพื่อสอบถามข้อมูล",
    "chinese": "客户通过电话联系客服中心询问订单状态",
    "japanese": "お客様がコールセンターに電話して注文状況を確認する",
    "korean": "고객이 고객센터에 전화하여 주문 상태를 확인합니다",
    "greek": "Ο πελάτης καλεί το κέντρο εξυπηρέτησης",
    "cyrillic": "Клиент звонит в службу поддержки",
    "vietnamese": "Khách hàng gọi điện đến trung tâm hỗ trợ",
    "emoji": "Happy customer 😀 👍 🎉",
}


def scripts_map(titles: dict[str, str] | None = None) -> Journey:
    """One lane per script, one card each, in a single stage (every title on
    its own row, so that no two titles share a baseline in the PDF)."""
    titles = TITLES if titles is None else titles
    j = Journey()
    j.title = "Scripts"
    steps = [edits.AddStage(Stage("s1", "Stage"))]
    for i, (name, title) in enumerate(titles.items()):
        steps.append(edits.AddLane(Lane(f"l{i}", name, "touchpoints")))
        steps.append(edits.AddCard(Card(name, "s1", f"l{i}", 0, title)))
    edits.Compound(tuple(steps)).apply(j)
    return j
