"""The board paper's parts: house style (kit), the BoardPaper facade, and one module per section."""
