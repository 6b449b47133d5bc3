// weapp (and the type every platform sees): the privacy notice is part of the home page's own code.
export { PrivacyGate } from '../../components/PrivacyGate';
