import { deflateSync } from 'node:zlib';
import * as echarts from 'echarts';

export interface RadarAxis {
  name: string;
  max: number;
}
export interface RadarSeries {
  name: string;
  values: (number | null)[];
}

const COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];

/** The radar chart of an evaluation (one series per year), as SVG rendered on the server by ECharts. */
export function radarSvg(axes: RadarAxis[], series: RadarSeries[], width = 640, height = 440): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      legend: { data: series.map((s) => s.name), bottom: 0 },
      radar: { indicator: axes.map((a) => ({ name: a.name, max: a.max })), radius: '62%', center: ['50%', '47%'], splitNumber: 5 },
      series: [
        {
          type: 'radar',
          data: series.map((s) => ({ name: s.name, value: s.values.map((v) => v ?? 0), label: { show: true, formatter: (p: { value: number }) => String(p.value).replace('.', ',') } })),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// ---- a plain raster of the same chart, the PNG fallback DOCX needs beside an SVG

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function hex(color: string): [number, number, number] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Axes, grid and one polygon per series, without text: enough to stand in where SVG is not shown. */
export function radarPng(axes: RadarAxis[], series: RadarSeries[], width = 640, height = 440): Buffer {
  const px = Buffer.alloc(width * height * 3, 255);
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= width || yi >= height) return;
    const i = (yi * width + xi) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number], thick = 1) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let dx = -thick + 1; dx < thick; dx++) for (let dy = -thick + 1; dy < thick; dy++) set(x + dx, y + dy, c);
    }
  };
  const cx = width / 2;
  const cy = height * 0.47;
  const radius = Math.min(width, height) * 0.31;
  const n = Math.max(axes.length, 3);
  const point = (i: number, f: number): [number, number] => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(a) * radius * f, cy + Math.sin(a) * radius * f];
  };
  const grey: [number, number, number] = [204, 204, 204];
  for (let ring = 1; ring <= 5; ring++) {
    for (let i = 0; i < n; i++) {
      const [x0, y0] = point(i, ring / 5);
      const [x1, y1] = point((i + 1) % n, ring / 5);
      line(x0, y0, x1, y1, grey);
    }
  }
  for (let i = 0; i < n; i++) {
    const [x, y] = point(i, 1);
    line(cx, cy, x, y, grey);
  }
  series.forEach((s, k) => {
    const c = hex(COLORS[k % COLORS.length]);
    const pts = axes.map((a, i) => point(i, Math.max(0, Math.min(1, (s.values[i] ?? 0) / (a.max || 1)))));
    for (let i = 0; i < pts.length; i++) {
      const [x0, y0] = pts[i];
      const [x1, y1] = pts[(i + 1) % pts.length];
      line(x0, y0, x1, y1, c, 2);
    }
    // legend swatch
    const lx = width / 2 - (series.length * 60) / 2 + k * 60;
    for (let y = height - 18; y < height - 8; y++) line(lx, y, lx + 24, y, c);
  });
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    px.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
