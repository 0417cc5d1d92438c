import { loadTranscript, answerFor } from '/work/main/src/sim/transcript.js';
const [file, cmd] = process.argv.slice(2);
process.stdout.write(answerFor(loadTranscript('/work/shared/fixtures/device-transcripts/' + file), cmd) ?? '');
