/** The README committed first into every new store: what the repository is and how to read it. */
export const STORE_README = `# driftwatch store

This git repository is written by driftwatch: one file per device (\`<group>/<name>.cfg\`),
one commit per change (subject \`<name>: +A -D lines\`, trailers \`Device:\` and \`Platform:\`),
one ref per approved baseline (\`refs/baselines/<name>\`), annotated tags for approvals.

Read it with plain git, e.g. \`git log -p -- core/sw1.cfg\` or
\`git diff refs/baselines/sw1 HEAD -- core/sw1.cfg\`. Do not edit files here: driftwatch keeps
the work tree equal to HEAD and discards local edits.
`;
