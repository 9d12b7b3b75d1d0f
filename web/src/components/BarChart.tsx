import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as EBarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatNumber } from '../lib/format';

echarts.use([EBarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

/** A horizontal bar chart (ECharts, loaded in its own chunk). */
export default function BarChart({
  data,
  ariaLabel,
  onSelect,
}: {
  data: BarDatum[];
  ariaLabel: string;
  onSelect?: (key: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.EChartsType | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(onResize) : null;
    ro?.observe(ref.current);
    return () => {
      window.removeEventListener('resize', onResize);
      ro?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const rows = [...data].reverse();
    chart.setOption(
      {
        aria: { enabled: true, label: { description: ariaLabel } },
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item', valueFormatter: (v: unknown) => formatNumber(Number(v)) },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v), color: '#333' } },
        yAxis: { type: 'category', data: rows.map((d) => d.label), axisLabel: { color: '#222' } },
        series: [
          {
            type: 'bar',
            data: rows.map((d) => ({ value: d.value, name: d.key })),
            itemStyle: { color: '#0b57c6', borderRadius: [0, 4, 4, 0] },
            label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value), color: '#222' },
          },
        ],
      },
      true,
    );
    chart.off('click');
    if (onSelect) chart.on('click', (p) => onSelect(String((p.data as { name: string }).name)));
  }, [data, ariaLabel, onSelect]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height: Math.max(220, data.length * 40) }} />;
}
