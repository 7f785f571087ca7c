// Vue's full build (runtime + template compiler) has no declaration file of its own; its API is Vue's.
declare module 'vue/dist/vue.esm-bundler.js' {
  export * from 'vue';
}
