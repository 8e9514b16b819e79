// Whether a character is drawn with a real glyph in a font: a character no font covers is drawn
// as the same empty box as a private-use code point ("□□ □□" instead of "山田 太郎").
const SIZE = 48;

function drawn(text: string, font: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const context = canvas.getContext('2d')!;
  context.font = `${SIZE * 0.75}px ${font}`;
  context.textBaseline = 'top';
  context.fillText(text, 4, 4);
  return Array.from(context.getImageData(0, 0, SIZE, SIZE).data.filter((_, i) => i % 4 === 3)).join(',');
}

/** True when every character of `text` has a glyph of its own in `font` (a CSS font-family list). */
export function hasGlyphs(text: string, font: string): boolean {
  const box = drawn('\uE000', font);
  return [...text].every((ch) => drawn(ch, font) !== box);
}
