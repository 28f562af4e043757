// Terminal colour and title codes in Ray's logs: CSI (`ESC [ ... final`, also the 8-bit
// form) and OSC (`ESC ] ... BEL` or `ESC ] ... ESC \`). Other bytes are left untouched.

// eslint-disable-next-line no-control-regex -- matching control codes is the point
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}
