import { useState } from 'react';
import { Link } from 'react-router-dom';

import { Layout } from '../components/Layout';
import { MicCheck } from '../recorder';
import { useSession } from '../session';

/** `/mic-check`: the participant checks that the study can hear them before it starts. */
export function MicCheckPage() {
  const session = useSession();
  const [ready, setReady] = useState<boolean | null>(null);

  if (!session) return null; // The route guard redirects.

  return (
    <Layout title="Microphone check" studyName={session.study.name}>
      <h1>Check your microphone</h1>
      <p className="lead">
        Say a few words in your normal voice, as you will during the study. The bar should move
        while you speak.
      </p>

      {/* A session stored by an older client may lack `recording`: then all processing is off. */}
      <MicCheck onReady={setReady} processing={session.study.recording} />

      <div className="actions actions--end">
        <Link to="/home" className={ready ? 'button' : 'button button--secondary'}>
          {ready ? 'Done' : 'Back'}
        </Link>
      </div>
    </Layout>
  );
}
