// A tiny SMTP server for the browser tests (the same conversation as
// tests/support/smtp.rs): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT on
// a free port; keeps each letter so a test can follow its links. The
// server reaches it as smtp://127.0.0.1:PORT?tls=none.
import { createServer } from 'node:net';

export async function startSink() {
  const letters = [];
  const waiting = [];
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let data = null;
    let to = [];
    socket.write('220 sink ESMTP ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            letters.push({ to, data: data.join('\r\n') });
            to = [];
            data = null;
            socket.write('250 OK: queued\r\n');
            waiting.splice(0).forEach((wake) => wake());
          } else {
            data.push(line.startsWith('.') ? line.slice(1) : line);
          }
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith('EHLO')) socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (upper.startsWith('RCPT TO:')) { to.push(line.slice(8).trim().replace(/^<|>.*$/g, '')); socket.write('250 OK\r\n'); }
        else if (upper === 'DATA') { data = []; socket.write('354 End data with <CR><LF>.<CR><LF>\r\n'); }
        else if (upper === 'QUIT') { socket.end('221 Bye\r\n'); }
        else if (/^(HELO|MAIL FROM:|RSET|NOOP)/.test(upper)) socket.write('250 OK\r\n');
        else socket.write('502 Command not implemented\r\n');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const taken = new Set();
  return {
    url: `smtp://127.0.0.1:${server.address().port}?tls=none`,
    // The next letter to `address` not returned before, once it has arrived.
    async nextTo(address) {
      for (;;) {
        const index = letters.findIndex((letter, i) => !taken.has(i) && letter.to.includes(address));
        if (index >= 0) {
          taken.add(index);
          return letters[index];
        }
        await new Promise((wake) => waiting.push(wake));
      }
    },
    stop: () => server.close(),
  };
}

// The site path of the link to `path` in a letter (quoted-printable undone).
export function linkIn(letter, path) {
  const text = letter.data.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  const match = text.match(new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=[0-9a-f]{64}`));
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}
