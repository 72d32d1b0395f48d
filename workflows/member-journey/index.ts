export { memberJourney } from './workflow';
