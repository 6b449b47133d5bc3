import { ArrowLeft, Home } from '@nutui/icons-react-taro';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import './NavBar.scss';

/** Pages reached from the tab bar (or before signing in): they have the tab bar, not a back bar. */
const TOP_PAGES = ['/pages/index/index', '/pages/report/index', '/pages/me/index', '/pages/login/index'];
const HOME = '/pages/index/index';

/** Back one page; opened directly (a shared link, a reload) there is none, so home. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: HOME });
}

/**
 * h5 only: the title and back bar WeChat draws above every mini-program page. Taro's h5 hides its
 * own bar and the tab bar on subpages, which left the browser's back button as the only way out.
 * The title is the page config's navigationBarTitleText, which Taro's router writes to
 * document.title on every page show.
 */
export function NavBar() {
  if (process.env.TARO_ENV !== 'h5') return null;
  return <H5NavBar />;
}

function H5NavBar() {
  const path = useRouter().path.split('?')[0] ?? '';
  const [title, setTitle] = useState(() => (typeof document === 'undefined' ? '' : document.title));
  useEffect(() => {
    const read = () => setTitle(document.title);
    read();
    const titleEl = document.querySelector('title');
    if (!titleEl) return;
    const observer = new MutationObserver(read);
    observer.observe(titleEl, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  if (TOP_PAGES.includes(path)) return null;
  return (
    <View className="app-navbar" data-testid="navbar" role="navigation" aria-label="页面导航">
      <View className="app-navbar-btn" role="button" aria-label="返回" data-testid="navbar-back" onClick={goBack}>
        <ArrowLeft size={20} />
      </View>
      <View className="app-navbar-title" role="heading" aria-level={1}>
        {title}
      </View>
      <View
        className="app-navbar-btn"
        role="button"
        aria-label="回到首页"
        data-testid="navbar-home"
        onClick={() => void Taro.switchTab({ url: HOME })}
      >
        <Home size={20} />
      </View>
    </View>
  );
}
