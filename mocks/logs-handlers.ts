import { HttpResponse, http } from 'msw';
import type { ApiErrorBody } from '../contract/api';
import { HEAD_NODE, mockListFiles, mockLogFiles, mockLogNodes } from './logs-data';

// The logs API (docs/logs.md) over logs-data.ts: nodes, folder listings, file tails, search.

const SCOPE = '*/api/c/:namespace/:kind/:name/:session';

function notFound(message: string) {
  return HttpResponse.json<ApiErrorBody>(
    { statusCode: 404, error: 'Not Found', message },
    { status: 404 },
  );
}

/** The last `lines` lines of `text`, with the headers the real server sends. */
function tailAnswer(nodeId: string, filename: string, text: string, lines: number) {
  const bytes = new TextEncoder().encode(text);
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const kept = lines < 0 ? all : all.slice(-lines);
  const body = kept.length ? `${kept.join('\n')}\n` : '';
  const start = bytes.length - new TextEncoder().encode(body).length;
  return new HttpResponse(body, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Log-File-Size': String(bytes.length),
      'X-Log-Start-Offset': String(start),
      'X-Log-End-Offset': String(bytes.length),
      ...(start === 0 ? { 'X-Log-First-Line': '1' } : {}),
      'X-Log-Node-Id': nodeId,
      'X-Log-Filename': encodeURIComponent(filename).replaceAll('%2F', '/'),
    },
  });
}

export const logsHandlers = [
  http.get(`${SCOPE}/logs/nodes`, () => HttpResponse.json({ nodes: mockLogNodes })),

  http.get(`${SCOPE}/logs/files`, ({ request }) => {
    const search = new URL(request.url).searchParams;
    const nodeId = search.get('node_id') ?? '';
    const prefix = search.get('prefix') ?? '';
    if (!mockLogFiles[nodeId]) return notFound(`No logs for node ${nodeId}`);
    return HttpResponse.json({ nodeId, prefix, files: mockListFiles(nodeId, prefix) });
  }),

  http.get(`${SCOPE}/api/v0/logs/file`, ({ request }) => {
    const search = new URL(request.url).searchParams;
    const lines = Number(search.get('lines') ?? 1000);
    const jobId = search.get('job_id');
    const nodeId = jobId ? HEAD_NODE : (search.get('node_id') ?? '');
    const filename = jobId ? 'job-driver-raysubmit_abc.log' : (search.get('filename') ?? '');
    const text = mockLogFiles[nodeId]?.[filename];
    if (typeof text !== 'string') return notFound(`No log file ${filename} on node ${nodeId}`);
    return tailAnswer(nodeId, filename, text, lines);
  }),

  http.get(`${SCOPE}/logs/search`, ({ request }) => {
    const q = (new URL(request.url).searchParams.get('q') ?? '').toLowerCase();
    const events: unknown[] = [];
    let filesTotal = 0;
    for (const [nodeId, files] of Object.entries(mockLogFiles)) {
      for (const [file, text] of Object.entries(files)) {
        if (text === null) continue;
        filesTotal += 1;
        text.split('\n').forEach((line, index) => {
          const at = line.toLowerCase().indexOf(q);
          if (q && at >= 0)
            events.push({
              type: 'match',
              nodeId,
              file,
              line: index + 1,
              offset: index,
              text: line,
              ranges: [[at, at + q.length]],
              before: [],
              after: [],
            });
        });
      }
    }
    const done = {
      type: 'done',
      filesScanned: filesTotal,
      filesTotal,
      bytesScanned: 1000,
      matches: events.length,
      truncated: false,
    };
    const body = [...events, done].map((e) => JSON.stringify(e)).join('\n') + '\n';
    // Cut the stream mid-line, as a network would.
    const encoded = new TextEncoder().encode(body);
    const cuts = [0, 7, Math.floor(encoded.length / 2), encoded.length - 3, encoded.length];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 1; i < cuts.length; i += 1)
          controller.enqueue(encoded.slice(cuts[i - 1], cuts[i]));
        controller.close();
      },
    });
    return new HttpResponse(stream, { headers: { 'Content-Type': 'application/x-ndjson' } });
  }),
];
