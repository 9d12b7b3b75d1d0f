import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, RadarChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  RadarChart,
  LineChart,
  RadarComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts instance (SVG, so it prints sharply) on a div, resized with its
 * container. `option` is applied whole on every change; `afterSet` sees the
 * instance after each update (the charts publish their data as attributes there).
 * Returns the ref for the div and its current width.
 */
export function useEChart(option: ChartOption | null, afterSet?: (chart: echarts.EChartsType) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.EChartsType | null>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    setWidth(el.clientWidth);
    const onResize = () => {
      chart.resize();
      setWidth(el.clientWidth);
    };
    window.addEventListener('resize', onResize);
    // The print layout has another width: fit the chart to it, and back afterwards.
    window.addEventListener('beforeprint', onResize);
    window.addEventListener('afterprint', onResize);
    const printQuery = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
    printQuery?.addEventListener('change', onResize);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(onResize) : null;
    ro?.observe(el);
    return () => {
      window.removeEventListener('resize', onResize);
      window.removeEventListener('beforeprint', onResize);
      window.removeEventListener('afterprint', onResize);
      printQuery?.removeEventListener('change', onResize);
      ro?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !option) return;
    chart.setOption(option, true);
    afterSet?.(chart);
  }, [option, afterSet]);

  return { ref, width };
}
