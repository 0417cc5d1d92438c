/**
 * OPNsense firewalls: the whole configuration is /conf/config.xml, read with `cat` over an SSH
 * exec channel (the account needs a shell, e.g. root or a user with shell access). Complete when
 * the `<opnsense>` root element is closed.
 */
import { capture } from '../common/text.js';
import { XML_FIREWALL_DRIFT } from '../common/xml-firewall-drift.js';
import { XML_REVISION_IGNORE, maskXmlElements, xmlDocument } from '../common/xml-config.js';
import type { Driver } from '../types.js';
import { secretMasker } from '../common/secret-masker.js';

const CONFIG = 'cat /conf/config.xml';
const VERSION = 'opnsense-version || echo "OPNsense "`cat /usr/local/opnsense/version/opnsense`';

export const opnsense: Driver = {
  id: 'opnsense',
  aliases: [],
  description: 'OPNsense firewalls (config.xml)',
  session: {
    mode: 'exec',
    prompt: /^(?:[\w.-]+@[\w.-]+(?::\S*)?\s?[#$%]|root@[\w.-]+:[^\s]*\s?#|[\w.-]+:[^\s]* [\w.-]+[#$%]) ?$/,
    setup: [],
  },
  commands: [CONFIG, VERSION],
  parse(outputs) {
    const config = xmlDocument(outputs[CONFIG], 'opnsense', CONFIG);
    const version = outputs[VERSION] ?? '';
    return {
      config,
      facts: {
        hostname: capture(config, /<system>[\s\S]*?<hostname>([^<]+)<\/hostname>/),
        model: 'OPNsense',
        os_version: capture(version, /OPNsense (\S+)/),
      },
    };
  },
  maskSecrets: secretMasker((config) => maskXmlElements(config)),
  volatile: [],
  ignore: XML_REVISION_IGNORE,
  drift: XML_FIREWALL_DRIFT,
};
