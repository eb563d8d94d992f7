package steward.builder.base;

/** What happened to npm dependencies in a build. */
public enum Dependencies {
    /** Not a nodejs service, or no package.json in the approot. */
    NONE,
    /** package.json and lockfile unchanged: node_modules carried over from the previous release, npm not run. */
    REUSED,
    /** npm ci / npm install ran. */
    INSTALLED
}
