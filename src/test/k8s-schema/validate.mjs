// Validates every document of the given YAML files against the Kubernetes API schema of its kind
// (kubernetes-models). Prints one line per document; exits 1 when any is invalid or unknown.
import fs from 'fs';
import YAML from 'yaml';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const models = {
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'apps/v1/StatefulSet': () => require('kubernetes-models/apps/v1/StatefulSet').StatefulSet,
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget').PodDisruptionBudget,
};
let bad = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length) {
      console.log(`INVALID ${file}: YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
      bad++;
      continue;
    }
    const o = doc.toJS();
    if (!o || o.kind === 'Kustomization') continue;
    const key = `${o.apiVersion}/${o.kind}`;
    if (!models[key]) {
      console.log(`INVALID ${file}: no schema known for ${key}`);
      bad++;
      continue;
    }
    try {
      const Model = models[key]();
      new Model(o).validate();
      console.log(`valid ${file}: ${key} ${o.metadata.name}`);
    } catch (e) {
      console.log(`INVALID ${file}: ${key} ${o.metadata?.name}: ${e.message}`);
      bad++;
    }
  }
}
process.exit(bad ? 1 : 0);
