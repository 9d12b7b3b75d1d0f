import { useCallback, useMemo } from 'react';
import type { EChartsType } from 'echarts/core';
import { formatNumber } from '../../lib/format';
import { formatScore } from './format';
import { useEChart, type ChartOption } from './useEChart';

export interface TrendSeries {
  name: string;
  /** year → index as shown (`indexRounded`), with the predicate for the tooltip. */
  points: { year: number; value: number | null; predicate: string | null }[];
}

/** Tooltip formatters return HTML: names from the data are escaped. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const COLOURS = ['#0b57c6', '#7a3e00', '#135200', '#6b1f99'];

/**
 * The index over the years, one line per framework. `bands` (the predicate
 * lower bounds of the main framework) are drawn as labelled dashed lines.
 * The plotted values are published as `data-chart-values`.
 */
export default function TrendChart({
  series,
  bands,
  max,
  ariaLabel,
}: {
  series: TrendSeries[];
  bands: { name: string; min: number }[];
  max: number;
  ariaLabel: string;
}) {
  const years = useMemo(() => [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b), [series]);
  const afterSet = useCallback((chart: EChartsType) => {
    const opt = chart.getOption() as { series?: { name?: string; data?: unknown[] }[] };
    const values = Object.fromEntries((opt.series ?? []).map((s) => [s.name, (s.data ?? []).map((d) => (Array.isArray(d) ? d[1] : d))]));
    chart.getDom().setAttribute('data-chart-values', JSON.stringify(values));
  }, []);

  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true, label: { description: ariaLabel } },
      grid: { left: 8, right: 130, top: 24, bottom: 40, containLabel: true },
      legend: { bottom: 0, textStyle: { color: '#222' } },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { seriesName: string; value: [string, number | null]; axisValueLabel: string }[]) => {
          const rows = params
            .filter((p) => p.value[1] !== null && p.value[1] !== undefined)
            .map((p) => {
              const s = series.find((x) => x.name === p.seriesName);
              const pt = s?.points.find((x) => String(x.year) === String(p.value[0]));
              return `${esc(p.seriesName)}: <b>${formatScore(p.value[1])}</b>${pt?.predicate ? ` (${esc(pt.predicate)})` : ''}`;
            });
          return [esc(String(params[0]?.axisValueLabel ?? '')), ...rows].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: years.map(String), axisLabel: { color: '#222' } },
      yAxis: {
        type: 'value',
        min: 0,
        max,
        interval: 1,
        axisLabel: { color: '#222', formatter: (v: number) => formatNumber(v) },
      },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        connectNulls: false,
        symbolSize: 8,
        color: COLOURS[i % COLOURS.length],
        lineStyle: { width: 3 },
        data: s.points.map((p) => [String(p.year), p.value]),
        label: {
          show: true,
          position: 'top',
          color: '#222',
          formatter: (p: { value: [string, number | null] }) => (p.value[1] === null ? '' : formatScore(p.value[1])),
        },
        ...(i === 0 && bands.length
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#8c8c8c', type: 'dashed' },
                label: { position: 'end', color: '#444', formatter: (p: { name: string }) => p.name },
                data: bands.filter((b) => b.min > 0 && b.min <= max).map((b) => ({ yAxis: b.min, name: `${b.name} ≥ ${formatScore(b.min)}` })),
              },
            }
          : {}),
      })),
    }),
    [series, bands, max, ariaLabel, years],
  );

  const { ref } = useEChart(option, afterSet);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height: 320 }} data-testid="evaluation-trend" />;
}
