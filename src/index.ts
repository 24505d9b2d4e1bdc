// The package entry: the sf plugin exposes its commands through oclif; nothing else is exported here yet.
export default {};
