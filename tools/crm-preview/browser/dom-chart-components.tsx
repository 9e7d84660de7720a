/// <reference lib="dom" />
/**
 * BarChart and LineChart for the preview: HubSpot's chart components take `data` (rows of
 * values) and `axes` ({ x: { field }, y: { field } }) (HubSpot docs "Charts"). The preview shows the
 * same rows as a labelled table: every number the chart would draw is visible, nothing is invented.
 */
interface ChartProps {
  data: ReadonlyArray<Record<string, string | number>>;
  axes?: { x?: { field?: string; label?: string }; y?: { field?: string; label?: string } };
  options?: { title?: string };
  testId?: string;
}

function ChartTable(kind: 'BarChart' | 'LineChart', props: ChartProps) {
  const x = props.axes?.x?.field ?? Object.keys(props.data[0] ?? {})[0] ?? 'x';
  const y = props.axes?.y?.field ?? Object.keys(props.data[0] ?? {})[1] ?? 'y';
  return (
    <figure data-testid={props.testId} data-hs={kind} style={{ margin: '8px 0', fontFamily: 'inherit' }}>
      <figcaption style={{ fontSize: '12px', color: '#516f90' }}>
        {props.options?.title ?? kind} ({props.axes?.y?.label ?? y} by {props.axes?.x?.label ?? x})
      </figcaption>
      <table style={{ borderCollapse: 'collapse', fontSize: '12px' }}>
        <tbody>
          {props.data.map((row, index) => (
            <tr key={index}>
              <td style={{ padding: '2px 8px' }}>{String(row[x] ?? '')}</td>
              <td style={{ padding: '2px 8px', textAlign: 'right' }}>{String(row[y] ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function BarChart(props: ChartProps) {
  return ChartTable('BarChart', props);
}

export function LineChart(props: ChartProps) {
  return ChartTable('LineChart', props);
}
