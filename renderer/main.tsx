import { createRoot } from 'react-dom/client';
import { App } from './App';

// Start-up phases, read by npm run bench: the script evaluated (workspace/start.ts marks the rest).
performance.mark('bm-script');
createRoot(document.getElementById('root')!).render(<App />);
