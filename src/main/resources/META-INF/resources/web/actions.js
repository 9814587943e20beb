// Every action: a button that says what it will do, asks for confirmation (with the inputs it
// needs), calls the API route and shows the API's answer or error. A user who may not change
// anything gets no buttons at all.
import { api } from './api.js';
import { h, valueText } from './dom.js';

const dialog = () => document.getElementById('confirm');

/**
 * A button for an action, or null for a read-only user.
 * spec: {label, title, text: what it will do, path: (values) => API path, fields: [{name, label, value,
 *        options, placeholder}], danger}
 */
export function actionButton(spec, mayChange) {
  if (!mayChange) return null;
  return h('button', { type: 'button', class: spec.danger ? 'action danger' : 'action', dataset: { action: spec.id || spec.label },
    onclick: () => confirmAction(spec) }, spec.label);
}

/** A row of action buttons (nothing for a read-only user). */
export function actionBar(specs, mayChange) {
  if (!mayChange) return null;
  const buttons = specs.filter(Boolean).map((s) => actionButton(s, true));
  return buttons.length ? h('div', { class: 'actions' }, buttons) : null;
}

/** Asks for confirmation, then runs the action; resolves to the API's answer, or null when cancelled. */
export function confirmAction(spec) {
  const d = dialog();
  const title = document.getElementById('confirm-title');
  const text = document.getElementById('confirm-text');
  const fields = document.getElementById('confirm-fields');
  const result = document.getElementById('confirm-result');
  const ok = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  title.textContent = spec.label;
  text.textContent = spec.text;
  result.hidden = true;
  result.textContent = '';
  result.className = 'result';
  ok.hidden = false;
  ok.disabled = false;
  ok.textContent = spec.confirm || 'Confirm';
  cancel.textContent = 'Cancel';
  const inputs = {};
  fields.replaceChildren(...(spec.fields || []).map((f) => {
    const input = f.options
      ? h('select', { name: f.name }, f.options.map((o) => h('option', { value: o, selected: o === f.value }, o)))
      : h('input', { name: f.name, value: f.value ?? '', placeholder: f.placeholder ?? '', required: true });
    inputs[f.name] = input;
    return h('label', null, h('span', null, f.label), input);
  }));
  return new Promise((resolve) => {
    let done = false;
    const finish = (v) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    ok.onclick = async (event) => {
      event.preventDefault();
      const values = {};
      for (const [name, input] of Object.entries(inputs)) {
        values[name] = input.value.trim();
        if (!values[name]) {
          input.focus();
          return;
        }
      }
      ok.disabled = true;
      result.hidden = false;
      result.textContent = 'Working…';
      try {
        const answer = await api(spec.path(values));
        result.className = 'result ok';
        result.textContent = describe(answer);
        finish(answer);
      } catch (e) {
        result.className = 'result error';
        result.textContent = 'Refused: ' + e.message;
        finish(null);
      }
      ok.hidden = true;
      cancel.textContent = 'Close';
    };
    cancel.onclick = () => {
      d.close();
      finish(null);
    };
    d.onclose = () => finish(null);
    d.showModal();
  });
}

/** An API answer as text: the envelope's message and details, or the raw value. */
export function describe(answer) {
  if (answer && typeof answer === 'object' && 'Code' in answer) {
    const det = answer.Details;
    const detail = det === null || det === undefined || det === '' ? '' : '\n' + (typeof det === 'object'
      ? JSON.stringify(det, null, 2).slice(0, 4000) : valueText(det));
    return `${answer.Code}: ${answer.Message}${detail}`;
  }
  return typeof answer === 'object' ? JSON.stringify(answer, null, 2).slice(0, 4000) : String(answer);
}

/** A short message at the corner of the page. */
export function toast(message, kind = '') {
  const t = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 12000 : 6000);
  return t;
}
