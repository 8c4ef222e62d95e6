// The levers page: a slider (or number box) per input, scenario presets, KPIs and charts against the baseline,
// updated as the levers move (debounced; a run still in flight is cancelled by the next), an uncertainty toggle
// for P5-P95 bands across the experiment's futures, and "save as scenario". Talks only to this app's own API.
'use strict';

const page = {
  experiment: null,
  groups: [],
  presets: [],
  preset: null,       // the chosen scenario
  moved: new Map(),   // what the user moved: 'Name' or 'Name[elem]' -> value
  from: new Map(),    // dated levers: input name -> the time its moved values take effect (none: from the start)
  controller: null,   // the run in flight
  timer: 0,
  baseline: null,     // the baseline's lines (GET api/baseline: the same for every run, so asked for once)
  result: null,
  answered: null,     // the request the shown result answers
  sent: null,         // the request last sent
  runs: 0,            // answers received (tests wait on it)
};

const $ = id => document.getElementById(id);

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function start() {
  const [experiment, inputs, scenarios, baseline] = await Promise.all([getJson('api/experiment'), getJson('api/inputs'), getJson('api/scenarios'),
    getJson('api/baseline')]);
  Object.assign(page, { experiment, groups: inputs.groups, presets: scenarios.scenarios, baseline });
  page.preset = scenarios.scenarios.find(s => s.baseline) || scenarios.scenarios[0];
  document.title = `${experiment.name} – sim serve`;
  $('title').textContent = experiment.name;
  $('description').textContent = experiment.description || '';
  for (const s of page.presets) $('preset').add(new Option(s.name + (s.baseline ? ' (baseline)' : ''), s.name));
  $('preset').value = page.preset.name;
  setUpUncertainty();
  renderLevers();
  renderKpis();
  const charts = $('charts');
  for (const chart of experiment.charts) SimCharts.create(charts, chart);
  window.addEventListener('resize', SimCharts.resize);
  $('preset').addEventListener('change', () => choosePreset($('preset').value));
  $('reset').addEventListener('click', () => choosePreset(page.preset.name));
  $('uncertainty').addEventListener('change', schedule);
  $('futures').addEventListener('change', schedule);
  $('save').addEventListener('click', save);
  showInterventions();
  run();
}

function setUpUncertainty() {
  const max = page.experiment.futures;
  const futures = $('futures');
  futures.max = Math.max(1, max);
  futures.value = Math.min(100, Math.max(1, max));
  if (max === 0) {
    $('uncertainty').disabled = true;
    futures.disabled = true;
    $('uncertainty-label').classList.add('disabled');
    $('uncertainty-label').title = 'The experiment samples no uncertainty.';
  } else $('uncertainty-label').title = `The experiment samples ${max} futures; the bands are their 5th to 95th percentiles.`;
}

// ---- levers ----

function presetValue(input, element) {
  const key = element === undefined ? input.name : `${input.name}[${input.elements[element]}]`;
  if (key in page.preset.values) return page.preset.values[key];
  return element === undefined ? input.value : input.value[element];
}

function sliderRange(value, min, max) {
  if (min !== null && max !== null && max > min) return [Math.min(min, value), Math.max(max, value)];
  if (value > 0) return [0, 2 * value];
  if (value < 0) return [2 * value, 0];
  return [0, 1];
}

function describe(input, element) {
  const range = element === undefined ? [input.min, input.max] : [input.min[element], input.max[element]];
  const lines = [input.name + (element === undefined ? '' : `[${input.elements[element]}]`)];
  if (input.doc) lines.push(input.doc);
  if (input.units) lines.push(`Units: ${input.units}`);
  if (range[0] !== null && range[1] !== null) lines.push(`Plausible range: ${range[0]} to ${range[1]}`);
  if (input.source) lines.push(`Source: ${input.source}`);
  if (!input.settable) lines.push(`Fixed: ${input.why}`);
  return lines.join('\n');
}

function renderLevers() {
  const aside = $('levers');
  aside.textContent = '';
  for (const group of page.groups) {
    const details = document.createElement('details');
    details.className = 'group';
    details.open = group.name !== 'Other inputs' || page.groups.length === 1;
    details.innerHTML = `<summary></summary>`;
    details.querySelector('summary').textContent = `${group.name} (${group.inputs.length})`;
    for (const input of group.inputs) details.appendChild(input.elements ? arrayedLever(input) : scalarLever(input));
    aside.appendChild(details);
  }
}

function scalarLever(input) {
  const row = document.createElement('div');
  row.className = 'lever' + (input.settable ? '' : ' fixed');
  row.dataset.input = input.name;
  row.title = describe(input);
  row.innerHTML = `<div class="name"><span class="label"></span><span class="units"></span></div>
    <div class="edit"><input type="range"><input type="number" step="any"></div><div class="range"></div>`;
  if (input.settable) row.appendChild(fromBox(row, input.name));
  row.querySelector('.label').textContent = input.name;
  row.querySelector('.units').textContent = input.units || '';
  const value = presetValue(input);
  const [lo, hi] = sliderRange(value ?? 0, input.min, input.max);
  const slider = row.querySelector('input[type=range]');
  const box = row.querySelector('input[type=number]');
  Object.assign(slider, { min: lo, max: hi, step: (hi - lo) / 200, value: value ?? 0, disabled: !input.settable });
  Object.assign(box, { value: value ?? '', disabled: !input.settable });
  slider.setAttribute('aria-label', input.name);
  box.setAttribute('aria-label', `${input.name} value`);
  row.querySelector('.range').textContent = input.min !== null && input.max !== null ? `range ${input.min} to ${input.max}` : '';
  slider.addEventListener('input', () => move(row, input.name, Number(slider.value), box));
  box.addEventListener('change', () => box.value !== '' && move(row, input.name, Number(box.value), slider));
  return row;
}

function arrayedLever(input) {
  const row = document.createElement('details');
  row.className = 'lever' + (input.settable ? '' : ' fixed');
  row.dataset.input = input.name;
  row.title = describe(input);
  row.innerHTML = `<summary><span class="label"></span> <span class="units"></span></summary><div class="elements"></div>`;
  if (input.settable) row.appendChild(fromBox(row, input.name));
  row.querySelector('.label').textContent = `${input.name} [${input.elements.length}]`;
  row.querySelector('.units').textContent = input.units || '';
  const grid = row.querySelector('.elements');
  input.elements.forEach((element, k) => {
    const label = document.createElement('label');
    label.textContent = element;
    label.title = describe(input, k);
    const box = document.createElement('input');
    Object.assign(box, { type: 'number', step: 'any', value: presetValue(input, k) ?? '', disabled: !input.settable });
    box.dataset.element = element;
    box.setAttribute('aria-label', `${input.name}[${element}]`);
    box.addEventListener('change', () => box.value !== '' && move(row, `${input.name}[${element}]`, Number(box.value)));
    grid.append(label, box);
  });
  return row;
}

// A dated lever: its moved values take effect from a time of the run ("virtual wards at 45 from 2027"), as an
// intervention {input, at, set}; before it the input keeps the scenario's value. Empty: from the start.
function fromBox(row, name) {
  const { start, stop, units } = page.experiment.time;
  const label = document.createElement('label');
  label.className = 'from';
  label.innerHTML = 'from <input type="number" step="any" class="from"> <span class="units"></span>';
  label.querySelector('.units').textContent = units || '';
  const box = label.querySelector('input');
  Object.assign(box, { min: start, max: stop, placeholder: String(start) });
  box.setAttribute('aria-label', `${name} from`);
  box.title = `The time the moved value takes effect (${start} to ${stop}${units ? ' ' + units : ''}); empty: from the start. Before it the input keeps the scenario's value.`;
  box.addEventListener('change', () => {
    const at = box.value === '' ? null : Number(box.value);
    if (at !== null && !(at >= start && at <= stop)) {
      row.classList.add('error');
      showProblem({ error: `${name}: ${box.value} is outside the run (${start} to ${stop}${units ? ' ' + units : ''})`, field: `inputs/${name}` });
      return;
    }
    row.classList.remove('error');
    if (at === null || at === start) page.from.delete(name);
    else page.from.set(name, at);
    row.classList.toggle('dated', page.from.has(name));
    if ([...page.moved.keys()].some(key => leverOf(key) === name)) schedule();
  });
  return label;
}

const leverOf = key => key.replace(/\[.*$/, '');

function move(row, key, value, twin) {
  if (twin) twin.value = value;
  page.moved.set(key, value);
  row.classList.add('moved');
  row.classList.remove('error');
  schedule();
}

function choosePreset(name) {
  page.preset = page.presets.find(s => s.name === name);
  page.moved.clear();
  page.from.clear();
  renderLevers();
  showInterventions();
  run();
}

function showInterventions() {
  const list = page.preset.interventions.map(i => {
    const when = 'at' in i ? `at ${i.at}` : `from ${i.from} to ${i.to}`;
    const what = i.stop ? 'stopped' : 'multiply' in i ? `× ${i.multiply}` : `→ ${i.set}`;
    return `${i.input} ${what} ${when}`;
  });
  $('interventions').textContent = list.length ? `Scenario interventions: ${list.join('; ')}` : '';
}

// ---- runs ----

function request() {
  const futures = $('uncertainty').checked ? Number($('futures').value) : 0;
  const inputs = {}, interventions = [];
  for (const [key, value] of page.moved) {
    const at = page.from.get(leverOf(key));
    if (at === undefined) inputs[key] = value;
    else interventions.push({ input: key, at, set: value });
  }
  return { scenario: page.preset.name, inputs, interventions, futures };
}

function schedule() {
  clearTimeout(page.timer);
  page.timer = setTimeout(run, 120);
}

async function run() {
  if (page.controller) page.controller.abort();
  const controller = page.controller = new AbortController();
  const body = page.sent = request();
  document.body.classList.toggle('futures', body.futures > 0);
  setStatus(body.futures > 0 ? `running ${body.futures} futures…` : 'running…', true);
  const began = performance.now();
  try {
    const response = await fetch('api/run', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: controller.signal,
    });
    const answer = await response.json();
    if (controller !== page.controller) return;
    if (!response.ok) {
      showProblem(answer);
      setStatus(`not run (${response.status})`, false);
      return;
    }
    page.result = answer;
    page.answered = body;
    showResult(answer, body.futures > 0);
    setStatus(`${answer.futures > 0 ? `point run and ${answer.futures} futures` : 'ran'} in ${Math.round(performance.now() - began)} ms (server ${Math.round(answer.elapsedMs)} ms)`, false);
  } catch (e) {
    if (e.name !== 'AbortError') setStatus(`the server did not answer: ${e.message}`, false);
  } finally {
    if (controller === page.controller) page.controller = null;
  }
}

function setStatus(text, busy) {
  $('status').textContent = text;
  $('status').classList.toggle('busy', busy);
}

function showProblem(problem) {
  const box = $('messages');
  box.textContent = '';
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = problem.error + (problem.hint ? ` (${problem.hint})` : '');
  box.appendChild(p);
  const field = problem.field || '';
  const k = /^interventions\/(\d+)/.exec(field);
  const dated = k && page.sent ? page.sent.interventions[Number(k[1])] : null;
  const name = field.startsWith('inputs/') ? leverOf(field.slice(7)) : dated ? leverOf(dated.input) : null;
  const row = name && document.querySelector(`.lever[data-input="${CSS.escape(name)}"]`);
  if (row) row.classList.add('error');
}

function showResult(result, bands) {
  const box = $('messages');
  box.textContent = '';
  for (const w of result.warnings) {
    const p = document.createElement('p');
    p.className = 'warning';
    p.textContent = w.error;
    box.appendChild(p);
  }
  if (result.historyMatch) {
    const p = document.createElement('p');
    p.textContent = result.historyMatch;
    box.appendChild(p);
  }
  if (result.problem) {
    const p = document.createElement('p');
    p.className = 'warning';
    p.textContent = result.problem;
    box.appendChild(p);
  }
  updateKpis(result);
  SimCharts.update(page.experiment, page.baseline, result, bands);
  page.runs++;
}

// ---- KPIs ----

const kpiKey = o => (o.element ? `${o.name}[${o.element}]` : o.name);

function renderKpis() {
  const body = document.querySelector('#kpis tbody');
  body.textContent = '';
  for (const o of page.experiment.outcomes) {
    const tr = document.createElement('tr');
    tr.dataset.outcome = kpiKey(o);
    tr.innerHTML = '<td></td><td class="value"></td><td class="baseline"></td><td class="difference"></td><td class="band spread"></td><td class="band dspread"></td>';
    tr.cells[0].textContent = kpiKey(o) + (o.units ? ` (${o.units})` : '');
    body.appendChild(tr);
  }
}

function updateKpis(result) {
  const spread = d => (d ? `${SimFormat.number(d.p5)} to ${SimFormat.number(d.p95)}` : '–');
  for (const o of result.outcomes) {
    const tr = document.querySelector(`#kpis tr[data-outcome="${CSS.escape(kpiKey(o))}"]`);
    if (!tr) continue;
    const set = (cls, value, text) => {
      const td = tr.querySelector(`.${cls}`);
      td.textContent = text ?? SimFormat.number(value);
      td.dataset.value = value === null || value === undefined ? '' : String(value);
    };
    set('value', o.value);
    set('baseline', o.baseline);
    set('difference', o.difference, o.difference === null ? '–' : (o.difference > 0 ? '+' : '') + SimFormat.number(o.difference));
    set('spread', o.futures ? o.futures.p5 : null, spread(o.futures));
    set('dspread', o.differenceFutures ? o.differenceFutures.p5 : null, spread(o.differenceFutures));
  }
}

// ---- save as scenario ----

async function save() {
  const name = $('save-name').value.trim() || `${page.preset.name} with my levers`;
  const body = { ...request(), name, futures: 0 };
  const response = await fetch('api/scenario', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) {
    showProblem(await response.json());
    return;
  }
  const text = await response.text();
  const file = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || 'scenario.json';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = file;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  setStatus(`saved the experiment with scenario '${name}' as ${file}: run it with sim sweep ${file}`, false);
}

window.simPage = page;
document.addEventListener('DOMContentLoaded', () => start().catch(e => setStatus(`could not start: ${e.message}`, false)));
