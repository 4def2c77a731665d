// "The bytes each path loads": the table scripts/serve.mjs computes (scripts/bench/bytes.mjs), in bytes.

const $ = (id) => document.getElementById(id);
const bytes = new Intl.NumberFormat('en-US');

function cell(text, className = '') {
  return Object.assign(document.createElement('td'), { textContent: text, className });
}

/** Fetches the sizes and fills the table; says why when this server has none. */
export async function showBytes() {
  const status = $('bytes-status');
  try {
    const response = await fetch(new URL('../bytes-each-path.json', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const rows = await response.json();
    $('bytes-rows').replaceChildren(
      ...rows.map(({ path, files, raw, gzip, brotli }) => {
        const tr = document.createElement('tr');
        tr.append(
          Object.assign(document.createElement('th'), { scope: 'row', textContent: path }),
          cell(files.join(' + '), 'files'),
          ...[raw, gzip, brotli].map((size) => cell(bytes.format(size), 'number')),
        );
        return tr;
      }),
    );
    status.textContent = 'Sizes in bytes.';
  } catch (error) {
    status.textContent = `This server did not provide the sizes (${error.message}): \`npm start\` serves them.`;
  }
}
