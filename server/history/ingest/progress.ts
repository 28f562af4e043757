// How far a session load has come, measured in stored files and bytes (from the listing).

export interface IngestProgress {
  filesTotal: number;
  filesRead: number;
  bytesTotal: number;
  bytesRead: number;
}

export function emptyProgress(): IngestProgress {
  return { filesTotal: 0, filesRead: 0, bytesTotal: 0, bytesRead: 0 };
}
