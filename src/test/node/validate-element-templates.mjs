// Validates .camunda/element-templates/*.json against the Camunda 7 element template schema, the one
// Camunda Modeler applies, and rejects a template id@version defined twice. Run from the project root
// (npm run lint does). Exits non-zero and names the template and the property on any error.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validate, getSchemaPackage, getSchemaVersion } from '@bpmn-io/element-templates-validator';

const dir = join('.camunda', 'element-templates');
const problems = [];
const seen = new Map();
let count = 0;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const templates = [].concat(JSON.parse(readFileSync(join(dir, file), 'utf-8')));
  for (const template of templates) {
    count++;
    const key = `${template.id}@${template.version}`;
    if (seen.has(key)) problems.push(`${file}: ${key} is also defined in ${seen.get(key)}`);
    seen.set(key, file);
    const result = validate(template);
    for (const error of result.errors || []) {
      problems.push(`${file}: ${key} ${error.dataPath || '/'} ${error.message}`);
    }
  }
}

if (problems.length) {
  for (const problem of problems) console.error(problem);
  console.error(`✖ ${problems.length} problem(s) in ${count} element templates (${getSchemaPackage()}@${getSchemaVersion()})`);
  process.exit(1);
}
