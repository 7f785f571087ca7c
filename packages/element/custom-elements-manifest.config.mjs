/**
 * custom-elements.json is generated from the element's JSDoc (@summary @slot @fires @csspart
 * @cssproperty) so editors, Storybook and framework tooling see the same API the docs describe.
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/test-*.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-only',
      // Private and state members (underscore) are implementation details, not API; events come
      // from the @fires tags only (the analyzer also guesses some from `dispatchEvent(new X(v))`).
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            const isPublic = (m) => m.privacy !== 'private' && m.privacy !== 'protected';
            if (decl.members)
              decl.members = decl.members.filter((m) => isPublic(m) && !m.name.startsWith('_'));
            if (decl.attributes)
              decl.attributes = decl.attributes.filter((a) => !a.name.startsWith('_'));
            if (decl.events)
              decl.events = decl.events.filter((e) => e.name?.startsWith('face-verify-'));
          }
        }
      },
    },
  ],
};
