import { describe, expect, it } from 'vitest';
import { parseSpecFile, parseSpecSet } from './parse-spec';

const ours = (id: string, extra = '') => `apiVersion: switchyard/v1
kind: SLO
id: ${id}
name: ${id}
service: svc
objective: 0.99
window: 7d
indicator: { kind: service-availability }
${extra}`;

describe('parseSpecSet', () => {
  it('reports a YAML syntax error with its line, and loads the other documents', () => {
    const text = `${ours('first')}---
apiVersion: switchyard/v1
kind: SLO
labels: [a, b
id: broken
---
${ours('third')}`;
    const { slos, problems } = parseSpecFile('s.yaml', text);
    expect(slos.map((s) => [s.id, s.source.index])).toEqual([
      ['first', 0],
      ['third', 2],
    ]);
    expect(problems).toHaveLength(1);
    // The unclosed [ is noticed on the next line, where yaml reports it.
    const line = text.split('\n').indexOf('id: broken') + 1;
    expect(problems[0]).toEqual({ file: 's.yaml', field: '', line, message: expect.stringMatching(new RegExp(`end with a \\] at line ${line}, column 1$`)) });
  });

  it('refuses duplicate keys rather than silently keeping one', () => {
    const { slos, problems } = parseSpecFile('d.yaml', ours('dup', 'objective: 0.5\n'));
    expect(slos).toEqual([]);
    expect(problems).toEqual([{ file: 'd.yaml', field: '', line: 9, message: expect.stringMatching(/^Map keys must be unique/) }]);
  });

  it('tells which formats it reads when a document is none of them', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\n- a\n- b\n---\nversion: prometheus/v2\n---\nhello: world\n---\napiVersion: openslo/v1alpha\n---\n';
    expect(parseSpecFile('u.yaml', text).problems).toEqual([
      { file: 'u.yaml', field: 'apiVersion', line: 1, message: expect.stringMatching(/^unknown spec format "v1": expected apiVersion switchyard\/v1, openslo\/v1 or pyrra.dev\/v1alpha1/) },
      { file: 'u.yaml', field: '', line: 4, message: 'a spec document must be a mapping, not a list' },
      { file: 'u.yaml', field: 'version', line: 7, message: 'unknown Sloth version "prometheus/v2": expected "prometheus/v1"' },
      { file: 'u.yaml', field: '', line: 9, message: expect.stringMatching(/^not an SLO spec/) },
      { file: 'u.yaml', field: 'apiVersion', line: 11, message: 'openslo/v1alpha is not supported: write it as openslo/v1' },
    ]);
  });

  it('reads JSON, and empty files and documents as nothing', () => {
    const json = JSON.stringify({ apiVersion: 'switchyard/v1', kind: 'SLO', id: 'j', name: 'J', service: 's', objectivePercent: 99, window: '30d', indicator: { kind: 'service-availability' } }, null, 2);
    const { slos, problems } = parseSpecSet([
      { file: 'a.json', text: json },
      { file: 'empty.yaml', text: '' },
      { file: 'comments.yaml', text: '# nothing yet\n---\n' },
    ]);
    expect(problems).toEqual([]);
    expect(slos.map((s) => [s.id, s.objective, s.source.file])).toEqual([['j', 0.99, 'a.json']]);
  });

  it('loads neither copy of an id defined twice, naming both places', () => {
    const { slos, problems } = parseSpecSet([
      { file: 'a.yaml', text: `${ours('shared')}---\n${ours('only-a')}` },
      { file: 'b.yaml', text: `version: prometheus/v1\nservice: svc\nslos:\n  - name: x\n    objective: 99\n    sli: {events: {error_query: 'e[{{.window}}]', total_query: 't[{{.window}}]'}}\n---\n${ours('shared')}` },
    ]);
    expect(slos.map((s) => s.id)).toEqual(['only-a', 'svc-x']);
    expect(problems).toEqual([
      { file: 'a.yaml', field: 'id', line: 3, message: 'duplicate SLO id "shared", also defined at b.yaml:10; none of them is loaded until the ids differ' },
      { file: 'b.yaml', field: 'id', line: 10, message: 'duplicate SLO id "shared", also defined at a.yaml:3; none of them is loaded until the ids differ' },
    ]);
  });

  it('names a derived id clash at the fields it came from', () => {
    const sloth = `version: prometheus/v1\nservice: web\nslos:\n  - name: Availability\n    objective: 99\n    sli: {events: {error_query: 'e[{{.window}}]', total_query: 't[{{.window}}]'}}\n`;
    const { problems } = parseSpecSet([
      { file: 's.yaml', text: sloth },
      { file: 'o.yaml', text: ours('web-availability') },
    ]);
    expect(problems.map((p) => [p.file, p.field, p.line])).toEqual([
      ['o.yaml', 'id', 3],
      ['s.yaml', 'slos[0].name', 4],
    ]);
  });
});
