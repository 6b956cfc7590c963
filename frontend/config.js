// Settings of this environment. On AWS the deploy hook replaces this file with the environment's
// values (the API's URL, the Cognito user pool and app client); the local runtime serves its own,
// naming its local OpenID Connect issuer, so sign-in takes the same path in both.
export default Object.freeze({
  apiBaseUrl: '',
  auth: { issuer: '', clientId: '', hostedUiBaseUrl: '' },
});
