// Settings of this environment. On AWS the deploy hook replaces this file with the environment's
// values; locally the API is on the same origin and sign-in is the local runtime's dev sign-in.
export default Object.freeze({
  apiBaseUrl: '',
  auth: { issuer: '', clientId: '', hostedUiBaseUrl: '' },
});
