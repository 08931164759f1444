import { createCaseworkApp } from './casework-app.ts';

// `cdk synth` runs this file; the App synthesizes itself into cdk.out when the process ends.
createCaseworkApp();
