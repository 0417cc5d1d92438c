/** Authentication of a simulated device: password, keyboard-interactive, public key (signature checked). */
import type { AuthContext, AuthenticationType } from 'ssh2';
import type { SimDevice } from './device.js';

const METHODS: AuthenticationType[] = ['publickey', 'password', 'keyboard-interactive'];

export function authenticate(device: SimDevice, ctx: AuthContext): void {
  const fail = () => {
    device.stats.authFailures++;
    ctx.reject(METHODS);
  };
  const userOk = ctx.username === device.username;
  switch (ctx.method) {
    case 'password':
      return !device.rejectPassword && userOk && ctx.password === device.password ? ctx.accept() : fail();
    case 'keyboard-interactive':
      if (device.rejectPassword || !userOk) return fail();
      return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
        answers[0] === device.password ? ctx.accept() : fail(),
      );
    case 'publickey': {
      const key = userOk ? device.authorizedKey(ctx.key.data) : undefined;
      if (!key) return fail();
      // Without a signature the client only asks whether this key would do.
      if (!ctx.signature || !ctx.blob) return ctx.accept();
      return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : fail();
    }
    default:
      // `none` is how clients ask for the list of methods: not a failure worth counting.
      return ctx.reject(METHODS);
  }
}
