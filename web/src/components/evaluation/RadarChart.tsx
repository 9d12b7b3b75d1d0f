import { useCallback, useMemo } from 'react';
import type { EChartsType } from 'echarts/core';
import { formatScore } from './format';
import { useEChart, type ChartOption } from './useEChart';

export interface RadarGroup {
  code: string;
  name: string;
  /** The value as shown (`rounded` from the server). */
  value: number | null;
}

export interface RadarPanel {
  title: string;
  groups: RadarGroup[];
}

const ACTUAL = '#0b57c6';
const TARGET = '#b35900';

function wrap(text: string, width = 18): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * The seed's Gambar 3.1: one radar per panel (domains, aspects) with the
 * actual values against the target level; the panels wrap on narrow screens.
 * The values each chart holds are published on its element as
 * `data-chart-values` (read back from the ECharts instance), so tests and
 * assistive tools can check what is drawn.
 */
export default function RadarChart({
  panels,
  target,
  max,
  labels,
  ariaLabel,
  height = 400,
  radius = '55%',
}: {
  panels: RadarPanel[];
  /** Of half the smaller side; smaller leaves more room for the axis names. */
  radius?: string;
  target: number | null;
  max: number;
  labels: { actual: string; target: string };
  ariaLabel: (panel: RadarPanel) => string;
  height?: number;
}) {
  const shown = panels.filter((p) => p.groups.length >= 3);
  return (
    <div className="atlas-eval-radars">
      {shown.map((p) => (
        <RadarPanelChart
          key={p.title}
          panel={p}
          target={target}
          max={max}
          labels={labels}
          ariaLabel={ariaLabel(p)}
          height={height}
          radius={radius}
        />
      ))}
    </div>
  );
}

function RadarPanelChart({
  panel,
  target,
  max,
  labels,
  ariaLabel,
  height,
  radius,
}: {
  panel: RadarPanel;
  radius: string;
  target: number | null;
  max: number;
  labels: { actual: string; target: string };
  ariaLabel: string;
  height: number;
}) {
  const afterSet = useCallback((chart: EChartsType) => {
    const opt = chart.getOption() as { series?: { data?: { name?: string; value?: unknown }[] }[] };
    const values: Record<string, (number | null)[]> = {};
    for (const s of opt.series ?? []) {
      for (const d of s.data ?? []) {
        values[String(d.name)] = (Array.isArray(d.value) ? d.value : []).map((v) => (typeof v === 'number' ? v : null));
      }
    }
    chart.getDom().setAttribute('data-chart-values', JSON.stringify(values));
  }, []);

  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true, label: { description: ariaLabel } },
      legend: { bottom: 0, data: [labels.actual, ...(target !== null ? [labels.target] : [])], textStyle: { color: '#222' } },
      tooltip: { trigger: 'item', confine: true },
      title: { text: panel.title, left: 'center', top: 0, textStyle: { fontSize: 14, fontWeight: 600, color: '#222' } },
      radar: {
        center: ['50%', '53%'],
        radius,
        splitNumber: max,
        indicator: panel.groups.map((g) => ({ name: wrap(`${g.code}. ${g.name}`, radius === '55%' ? 18 : 14), max, min: 0 })),
        axisName: { color: '#222', fontSize: 11, lineHeight: 14 },
        splitLine: { lineStyle: { color: '#c8c8c8' } },
        splitArea: { areaStyle: { color: ['#fafafa', '#f2f2f2'] } },
        axisLine: { lineStyle: { color: '#bdbdbd' } },
      },
      series: [
        {
          type: 'radar',
          name: panel.title,
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : '—') },
          data: [
            {
              name: labels.actual,
              value: panel.groups.map((g) => (g.value === null ? '-' : g.value)),
              symbol: 'circle',
              symbolSize: 6,
              lineStyle: { color: ACTUAL, width: 2 },
              itemStyle: { color: ACTUAL },
              areaStyle: { color: 'rgba(11, 87, 198, 0.18)' },
              label: {
                show: true,
                color: '#0a2f6b',
                fontSize: 11,
                formatter: (x: { value: unknown }) => (typeof x.value === 'number' ? formatScore(x.value) : ''),
              },
            },
            ...(target !== null
              ? [
                  {
                    name: labels.target,
                    value: panel.groups.map(() => target),
                    symbol: 'none',
                    lineStyle: { color: TARGET, width: 2, type: 'dashed' },
                    itemStyle: { color: TARGET },
                  },
                ]
              : []),
          ],
        },
      ],
    }),
    [panel, target, max, labels.actual, labels.target, ariaLabel, radius],
  );

  const { ref } = useEChart(option, afterSet);
  return <div ref={ref} role="img" aria-label={ariaLabel} className="atlas-eval-radar" style={{ height }} data-panel={panel.title} />;
}
