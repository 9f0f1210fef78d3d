import { describe, expect, it } from 'vitest';
import { blockingChecks, planChecks } from '../../src/state/plan-checks.js';
import { describeSqlSteps } from '../../src/state/plan-lines.js';
import { clampOffset } from '../../src/components/format.js';
import { scrollBy, visibleRows } from '../../src/state/scroll.js';
import * as fx from '../helpers/fixtures.js';

describe('plan checks', () => {
  it('credentials that work pass; warnings are warnings', () => {
    const checks = planChecks(fx.plan);
    expect(checks[0]).toEqual({ name: 'AWS credentials', status: 'pass', detail: 'account 123456789012 as arn:aws:iam::123456789012:user/ops' });
    expect(checks.filter((c) => c.status === 'warn')).toHaveLength(1);
    expect(blockingChecks(checks)).toEqual([]);
  });

  it('missing credentials fail with the hint as fix (or a default one), and the failed lookup is not said twice', () => {
    const plan = { ...fx.plan, identity: { error: 'no AWS credentials were found' } };
    const [check, ...rest] = planChecks(plan, 'no AWS credentials were found');
    expect(check).toMatchObject({ name: 'AWS credentials', status: 'fail' });
    expect(check.fix).toMatch(/aws configure/);
    expect(rest.some((c) => c.name === 'existing resources')).toBe(false);
    expect(planChecks({ ...plan, identity: { error: 'x', hint: 'Do this.' } })[0].fix).toBe('Do this.');
    const local = planChecks({ ...plan, target: 'local' })[0];
    expect(local).toMatchObject({ name: 'local emulator', status: 'fail' });
    expect(local.fix).not.toMatch(/aws configure/);
  });

  it('the workflow\'s own checks come first and are not repeated', () => {
    const plan = { ...fx.plan, checks: [{ name: 'AWS credentials', status: 'fail' as const, detail: 'from doctor', fix: 'fix it' }, { name: 'S3 sources', status: 'fail' as const, detail: 's3://x/missing: no objects' }] };
    const checks = planChecks(plan);
    expect(checks.slice(0, 2).map((c) => c.detail)).toEqual(['from doctor', 's3://x/missing: no objects']);
    expect(checks.filter((c) => c.name === 'AWS credentials')).toHaveLength(1);
    expect(blockingChecks(checks)).toHaveLength(2);
  });

  it('lists SQL steps without their file names', () => {
    expect(describeSqlSteps(['drop tables (sql/drop_tables.sql)', 'COPY a and b, concurrently (sql/copy_staging.sql)'])).toBe('1. drop tables · 2. COPY a and b');
  });
});

describe('scrolling', () => {
  it('fits the rows the terminal has and never scrolls past the ends', () => {
    expect(visibleRows(24, 'chart')).toBe(14);
    expect(visibleRows(40, 'chart')).toBe(30);
    expect(visibleRows(8, 'chart')).toBe(3);
    expect(scrollBy(0, { upArrow: true }, 24, 14)).toBe(0);
    expect(scrollBy(0, { downArrow: true }, 24, 14)).toBe(1);
    expect(scrollBy(5, { pageDown: true }, 24, 14)).toBe(10);
    expect(scrollBy(10, { pageUp: true }, 24, 14)).toBe(0);
    expect(scrollBy(0, { pageDown: true }, 5, 14)).toBe(0);
    expect(clampOffset(30, 24, 14)).toBe(10);
  });
});
