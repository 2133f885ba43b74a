// The filter form and the address bar agree: filters live in the hash ("#/?type=ASSAULT"),
// so a filtered view is a link like any other.

export const FILTERS = ['since', 'until', 'country', 'actor', 'type', 'source'];

export function readForm(form) {
  const values = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) values[name] = value;
  }
  return values;
}

export function fillForm(form, params) {
  for (const name of FILTERS) form.elements[name].value = params.get(name) || '';
}

export function fromParams(params) {
  const values = {};
  for (const name of FILTERS) if (params.get(name)) values[name] = params.get(name);
  return values;
}

export function fillTypes(form, types) {
  const select = form.elements.type;
  const chosen = select.value;
  for (const type of types) select.append(new Option(type, type));
  select.value = chosen;
}

export function fillCountries(datalist, outlines) {
  for (const feature of outlines.features) {
    const option = document.createElement('option');
    option.value = feature.properties.code;
    option.textContent = feature.properties.name;
    datalist.append(option);
  }
}
