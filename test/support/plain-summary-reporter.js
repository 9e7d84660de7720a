// Prints one plain closing line after Jest's own summary, e.g. "jest: 512 passed, 0 failed, 2 skipped",
// so tools that read a test run's last line (CI) see the counts in the common "N passed, N failed" form.
// Written on process exit: Jest's summary reporter prints after custom reporters' onRunComplete.
export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const brokenSuites = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + brokenSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}
