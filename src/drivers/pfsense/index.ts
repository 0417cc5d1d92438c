/**
 * pfSense firewalls: the whole configuration is /cf/conf/config.xml, read with `cat` over an SSH
 * exec channel (admin's console menu is not involved in exec). Complete when the `<pfsense>` root
 * element is closed.
 */
import { capture } from '../common/text.js';
import { XML_FIREWALL_DRIFT } from '../common/xml-firewall-drift.js';
import { XML_REVISION_IGNORE, maskXmlElements, xmlDocument } from '../common/xml-config.js';
import type { Driver } from '../types.js';
import { secretMasker } from '../common/secret-masker.js';

const CONFIG = 'cat /cf/conf/config.xml';
const VERSION = 'cat /etc/version';

export const pfsense: Driver = {
  id: 'pfsense',
  aliases: [],
  description: 'pfSense firewalls (config.xml)',
  session: {
    mode: 'exec',
    prompt: /^(?:\[[^\]]+\]\[[^\]]+\]\/[^\s]*:|[\w.-]+@[\w.-]+(?::\S*)?\s?[#$%]) ?$/,
    setup: [],
  },
  commands: [CONFIG, VERSION],
  parse(outputs) {
    const config = xmlDocument(outputs[CONFIG], 'pfsense', CONFIG);
    return {
      config,
      facts: {
        hostname: capture(config, /<system>[\s\S]*?<hostname>([^<]+)<\/hostname>/),
        model: 'pfSense',
        os_version: capture(outputs[VERSION] ?? '', /^(\S+)/),
      },
    };
  },
  maskSecrets: secretMasker((config) => maskXmlElements(config)),
  volatile: [],
  ignore: XML_REVISION_IGNORE,
  drift: XML_FIREWALL_DRIFT,
};
