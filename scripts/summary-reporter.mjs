// Adds one plain closing line to Vitest's output, "N passed, N failed, N skipped", that any
// CI reads the same way.
import { writeFileSync } from "node:fs";
export default class SummaryReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed += 1;
        else if (state === "failed") counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    if (unhandledErrors.length > 0) counts.failed += unhandledErrors.length;
    // npm test runs Vitest twice (browser tests alone, after the rest) and adds the counts up.
    if (process.env.BULWARK_TEST_SUMMARY)
      writeFileSync(process.env.BULWARK_TEST_SUMMARY, JSON.stringify(counts));
    else
      process.stdout.write(
        `\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
      );
  }
}
