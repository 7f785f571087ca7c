/**
 * custom-elements.json is generated from the element's JSDoc (@summary @slot @fires @csspart
 * @cssproperty) so editors, Storybook and framework tooling see the same API the docs describe.
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/test-*.ts'],
  outdir: '.',
  litelement: true,
  // Private (#) and underscore members are implementation details, not API.
  plugins: [
    {
      name: 'drop-private-members',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.members) continue;
            decl.members = decl.members.filter(
              (m) =>
                m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
            );
          }
        }
      },
    },
  ],
};
