// Puppeteer (utilisé par DAISY Ace) ne télécharge jamais de navigateur : les tests
// pilotent le Chromium de Debian (/usr/bin/chromium).
module.exports = { skipDownload: true, executablePath: "/usr/bin/chromium" };
