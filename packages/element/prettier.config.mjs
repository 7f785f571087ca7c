// The root settings, plus: template literals stay as written. esbuild does not minify inside them,
// so every space and line break prettier would add to an `html` or `css` template ships in the
// one-file bundle (and whitespace in `html` templates becomes text nodes).
import root from '../../.prettierrc.json' with { type: 'json' };

export default { ...root, embeddedLanguageFormatting: 'off' };
