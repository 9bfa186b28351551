import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import './charts.css';

// Only what the console draws: tree-shaken echarts/core, loaded with the pages that import this module
// (lazy routes), never with the login page (research/console-and-charts.md §A).
echarts.use([LineChart, BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The console's palette: government blue first, then the status colours used in tags. */
export const CHART_COLORS = ['#1d4f91', '#52c41a', '#f5222d', '#faad14', '#722ed1', '#13c2c2', '#8c8c8c'];

/**
 * One ECharts chart on a canvas. The tooltip is drawn on the canvas too (richText): ECharts' HTML tooltip
 * writes style attributes, which the console's CSP refuses (§B).
 */
export function Chart({ option, className, testId }: { option: ChartOption; className?: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const base = { color: CHART_COLORS, animation: false, tooltip: { renderMode: 'richText' }, textStyle: { fontFamily: 'inherit' } };
    chart.current?.setOption({ ...base, ...option, tooltip: { ...base.tooltip, ...((option.tooltip as object | undefined) ?? {}) } }, { notMerge: true });
  }, [option]);

  return <div ref={el} className={className ?? 'zj-chart'} data-testid={testId} />;
}
