/**
 * {@code sparkdp report}: reads a run's {@code metrics.jsonl} from any Hadoop URI
 * ({@link io.sparkdp.driver.report.RunMetrics}) and writes one self-contained HTML page whose
 * charts Apache ECharts draws, inlined, so that the page opens offline
 * ({@link io.sparkdp.driver.report.HtmlReport}).
 */
package io.sparkdp.driver.report;
