// chart.js with only what the results charts use (bars, two axes, legend, tooltip): a smaller
// download than chart.js/auto. Imported lazily by Chart.svelte, in the browser only.
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	Tooltip
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family =
	"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = '#1a1a1a';

export { Chart };
