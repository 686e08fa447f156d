import { Chart, Decimation, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

// Only what the stats charts draw, so the rest of Chart.js is shaken out of the bundle: lines on
// linear axes (x is epoch ms, no date adapter), LTTB decimation, and tooltips. No legend plugin:
// each chart has an HTML legend that screen readers and tests can read.
Chart.register(LineController, LineElement, PointElement, LinearScale, Decimation, Tooltip)

export { Chart }
