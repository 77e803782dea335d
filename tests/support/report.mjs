// Minimal result collector shared by the suites. A check is one named assertion (usually one
// page × one gate); failures carry a human message naming the page and the problem. The suite
// ends with the exact line `N passed, N failed` and a non-zero exit code on any failure.

export function createReport({ quiet = false } = {}) {
  const results = [];
  let section = '';
  const started = Date.now();

  const record = (name, ok, problems = []) => {
    results.push({ section, name, ok, problems });
    if (!ok) {
      console.log(`  ✗ ${section ? section + ': ' : ''}${name}`);
      for (const p of problems.slice(0, 20)) console.log(`      - ${p}`);
      if (problems.length > 20) console.log(`      … and ${problems.length - 20} more`);
    } else if (!quiet && process.env.VERBOSE) {
      console.log(`  ✓ ${section ? section + ': ' : ''}${name}`);
    }
  };

  return {
    /** Start a group of checks; its name prefixes the failure messages. */
    section(name) {
      section = name;
      console.log(`\n== ${name}`);
    },
    /** Informational line (counts, timings). */
    info(line) {
      console.log(`  ${line}`);
    },
    pass(name) {
      record(name, true);
    },
    fail(name, problems) {
      record(name, false, Array.isArray(problems) ? problems : [String(problems)]);
    },
    /** Pass when `problems` is empty, otherwise fail listing them. */
    check(name, problems) {
      if (problems.length === 0) record(name, true);
      else record(name, false, problems);
    },
    /** Run `fn`; a thrown error is a failure of `name` (the suite goes on). */
    async attempt(name, fn) {
      try {
        return await fn();
      } catch (err) {
        record(name, false, [String(err?.stack || err).split('\n').slice(0, 4).join('\n        ')]);
        return undefined;
      }
    },
    counts() {
      const passed = results.filter((r) => r.ok).length;
      return { passed, failed: results.length - passed };
    },
    sectionCounts(name) {
      const rs = results.filter((r) => r.section === name);
      const passed = rs.filter((r) => r.ok).length;
      return { passed, failed: rs.length - passed };
    },
    /** Print the per-section table and the final summary line; return the exit code. */
    finish() {
      const sections = [...new Set(results.map((r) => r.section))];
      console.log('\n-- summary');
      for (const s of sections) {
        const { passed, failed } = this.sectionCounts(s);
        console.log(`  ${s || '(general)'}: ${passed} passed, ${failed} failed`);
      }
      const { passed, failed } = this.counts();
      console.log(`  time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (results.length === 0) {
        // A suite that checked nothing must not look green.
        console.log('  no checks ran');
        console.log(`${passed} passed, 1 failed`);
        return 1;
      }
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0 ? 0 : 1;
    },
  };
}
