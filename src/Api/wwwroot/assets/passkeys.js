// WebAuthn for the pages: the API's JSON options (binary values base64url) into the browser's ceremonies, and their
// answers back as PublicKeyCredential.toJSON() would give them (written out: older browsers lack toJSON).
const fromBase64Url = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)), c => c.charCodeAt(0));
const toBase64Url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const passkeysSupported = () => typeof window.PublicKeyCredential === 'function';

/** navigator.credentials.get over a flow action's publicKey options. */
export async function assertPasskey(publicKey) {
  const credential = await navigator.credentials.get({
    publicKey: {
      challenge: fromBase64Url(publicKey.challenge),
      rpId: publicKey.rpId,
      timeout: publicKey.timeout,
      userVerification: publicKey.userVerification,
      allowCredentials: publicKey.allowCredentials.map(c => ({ type: c.type, id: fromBase64Url(c.id) })),
    },
  });
  const r = credential.response;
  return {
    id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type,
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON), authenticatorData: toBase64Url(r.authenticatorData),
      signature: toBase64Url(r.signature), userHandle: r.userHandle ? toBase64Url(r.userHandle) : null,
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

/** navigator.credentials.create over the account API's creation options. */
export async function createPasskey(options) {
  const credential = await navigator.credentials.create({
    publicKey: {
      rp: options.rp,
      user: { id: fromBase64Url(options.user.id), name: options.user.name, displayName: options.user.displayName },
      challenge: fromBase64Url(options.challenge),
      pubKeyCredParams: options.pubKeyCredParams,
      timeout: options.timeout,
      excludeCredentials: options.excludeCredentials.map(c => ({ type: c.type, id: fromBase64Url(c.id) })),
      authenticatorSelection: options.authenticatorSelection,
      attestation: options.attestation,
    },
  });
  const r = credential.response;
  return {
    id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type,
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON), attestationObject: toBase64Url(r.attestationObject),
      transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}
