import { highlightPieces } from '../search-results';

/** A log line with its matches in <mark>; the text goes in as text nodes only. */
export function SearchHitText({ text, ranges }: { text: string; ranges: [number, number][] }) {
  return (
    <>
      {highlightPieces(text, ranges).map((piece, index) =>
        piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </>
  );
}
