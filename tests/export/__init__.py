"""Export tests: PDF, images, paper arithmetic, the export dialog."""
