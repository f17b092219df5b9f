"""Files a person would upload: a photograph and a PDF, made fresh for each run."""

import io
import random

from PIL import Image, ImageDraw


def photograph(path):
    """A 1600 × 1000 JPEG with soft shapes, about the weight of a real photograph."""
    rng = random.Random(path.name)  # noqa: S311 - shapes, not secrets
    image = Image.linear_gradient("L").resize((1600, 1000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(1400), rng.randrange(800)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(80, 300), y + rng.randrange(80, 300)), fill=colour)
    image.save(path, format="JPEG", quality=82)
    return path


def pdf(path, title):
    """A one-page PDF with a title."""
    page = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(page).text((60, 60), title, fill="black")
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", title=title)
    path.write_bytes(buffer.getvalue())
    return path
