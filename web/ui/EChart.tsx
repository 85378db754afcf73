import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import type { ECharts } from 'echarts/core';

interface EChartProps {
  /** An ECharts option, laid out for a right-to-left page by its maker (see dashboards.model.ts chartOption). */
  option: Record<string, unknown>;
  height: number;
  /** What the chart shows, for a screen reader; the figures themselves are in the table beside it. */
  label: string;
}

/**
 * A chart drawn by Apache ECharts in SVG (crisp on paper, text shaped by the browser like the
 * rest of the Persian page), redrawn when its option changes and resized with its box. ECharts is
 * fetched the first time a chart is shown.
 */
export function EChart({ option, height, label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = box.current!;
    let gone = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts.setup').then(({ echarts }) => {
      if (gone) return;
      chart.current = echarts.init(element, null, { renderer: 'svg' });
      chart.current.setOption(latest.current);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(element);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  // ECharts places its SVG text by text-anchor start/end as in a left-to-right page; inside the
  // page's dir="rtl" the browser would flip every anchor and lay labels over the bars. The layout
  // is made right to left in the option itself (see chartOption), and each Persian label still
  // reads right to left by the Unicode bidi rules.
  return <Box ref={box} dir="ltr" role="img" aria-label={label} h={height} w="100%" data-testid="chart" />;
}
