/** A rectangle of a greyscale thumbnail, in pixels. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

// A row or column belongs to the paper when most of it is: a printed line leaves most of its row white.
const PAPER_SHARE = 0.5;
// A box smaller than this share of the picture is not a page found but text taken for a table.
const MIN_PAPER_AREA = 0.25;

function span(counts: readonly number[], length: number): [number, number] | undefined {
  const first = counts.findIndex((count) => count > length * PAPER_SHARE);
  if (first < 0) return undefined;
  let last = counts.length - 1;
  while (counts[last]! <= length * PAPER_SHARE) last -= 1;
  return [first, last];
}

/**
 * Where the paper is in a photo (the bright rectangle on a darker background), `paperAbove`
 * the level that tells paper from background, or the whole picture when it is a scan, or when no clear page
 * stands out.
 */
export function paperBox(values: ArrayLike<number>, width: number, height: number, paperAbove: number): Box {
  const whole = { left: 0, top: 0, width, height };
  const rows = new Array<number>(height).fill(0);
  const columns = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1)
      if (values[y * width + x]! > paperAbove) {
        rows[y]! += 1;
        columns[x]! += 1;
      }
  const vertical = span(rows, width);
  const horizontal = span(columns, height);
  if (!vertical || !horizontal) return whole;
  const box = { left: horizontal[0], top: vertical[0], width: horizontal[1] - horizontal[0] + 1, height: vertical[1] - vertical[0] + 1 };
  return box.width * box.height < width * height * MIN_PAPER_AREA ? whole : box;
}

/** The box less a share of its size on every side. */
export function inset(box: Box, share: number): Box {
  const [dx, dy] = [Math.round(box.width * share), Math.round(box.height * share)];
  return { left: box.left + dx, top: box.top + dy, width: box.width - 2 * dx, height: box.height - 2 * dy };
}
