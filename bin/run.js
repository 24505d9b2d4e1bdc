#!/usr/bin/env node
// Runs the plugin's commands without the Salesforce CLI: ./bin/run.js prm <command>.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
